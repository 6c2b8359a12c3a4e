<?php

/*
|--------------------------------------------------------------------------
| Third Party Services
|--------------------------------------------------------------------------
|
| Credentials for Mufi, Mailgun, the loyalty partner and friends. Values come
| from the environment (.env, never committed). Mufi docs: https://docs.mufi.app
| Old base URL (do not use, it drops the bearer header): http://api.mufi.app
|
*/

return [

    'mailgun' => [
        'domain' => env('MAILGUN_DOMAIN'),
        'secret' => env('MAILGUN_SECRET'),
        'endpoint' => env('MAILGUN_ENDPOINT', 'api.eu.mailgun.net'),
        'scheme' => 'https',
    ],

    'mufi' => [
        'base_url' => env('MUFI_BASE_URL', 'https://api.mufi.app'),
        'staging_url' => 'https://dev.api.mufi.app',
        'mock_url' => env('MUFI_MOCK_URL', 'http://localhost:4010'),
        // the checkout widget (resources/js) reads the same variable through Vite
        'key' => env('MUFI_API_KEY', env('VITE_MUFI_API_KEY')), // expect: MUFI002
        'read_key' => env('MUFI_READ_API_KEY'),
        'timeout' => (int) env('MUFI_TIMEOUT', 10),
        'ca_bundle' => env('MUFI_CA_BUNDLE', '/etc/ssl/certs/ca-certificates.crt'),
        'verify' => env('MUFI_VERIFY_TLS', true),
    ],

    'mufi_legacy' => [
        'status_url' => env('MUFI_LEGACY_STATUS_URL', 'http://api.mufi.app/v0/status'), // expect: MUFI003
        'x_api_key' => env('MUFI_LEGACY_KEY', 'YOUR_API_KEY'),
    ],

    'loyalty' => [
        'url' => env('LOYALTY_URL', 'http://api.loyaltyhub.com/v3'), // expect: MUFI003
        'sandbox_url' => 'https://sandbox.loyaltyhub.com/v3',
        'partner_key' => env('LOYALTY_PARTNER_KEY', 'changeme'),
    ],

    'pos' => [
        'endpoint' => env('POS_ENDPOINT', 'http://pos-bridge.shop.internal/api'),
        'printer' => 'http://receipt-printer.local/print',
    ],

];
