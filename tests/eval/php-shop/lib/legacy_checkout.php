<?php
/**
 * Legacy checkout hooks (pre-Laravel). Still included by the old storefront
 * templates until the migration finishes. Original author's notes:
 * http://intranet.acme-retail.com/wiki/LegacyCheckout
 */

// Old shared key, kept for the cron box; see SEC-412 before touching.
define('MUFI_API_KEY', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJwcm9qZWN0IjoicHJqX3BocDJsZyIsInBlcm1pc3Npb24iOiJXcml0ZSIsImlhdCI6MTcwOTM3OTAxN30.kZBdFkPoqmfLl9-yS8Hxxh-aMnucBMerb9GzaeTo_H8'); // expect: MUFI001
define('MUFI_BASE', 'https://api.mufi.app');
define('CHECKOUT_SVG_NS', 'http://www.w3.org/2000/svg');

// previous key (rotated? nobody knows):
// expect: MUFI001
// $key = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJwcm9qZWN0IjoicHJqX3BocDJvbGQiLCJwZXJtaXNzaW9uIjoiV3JpdGUiLCJpYXQiOjE3MTgwNjUzNjN9.JM8hZEaoddpKUqYdR9mq2U_3EB-rAZnKWr4KApJ8wZE';

/**
 * POST JSON to Mufi and return the decoded body.
 */
function mufi_post(string $path, array $body): array
{
    $apiKey = getenv('MUFI_API_KEY') ?: MUFI_API_KEY;
    $ch = curl_init(MUFI_BASE . $path);
    curl_setopt_array($ch, [
        CURLOPT_POST => true,
        CURLOPT_POSTFIELDS => json_encode($body),
        CURLOPT_RETURNTRANSFER => true,
        CURLOPT_TIMEOUT => 10,
        CURLOPT_HTTPHEADER => [
            'Content-Type: application/json',
            'Authorization: Bearer ' . $apiKey,
        ],
        CURLOPT_SSL_VERIFYPEER => true,
        CURLOPT_SSL_VERIFYHOST => 2,
        CURLOPT_CAINFO => '/etc/ssl/certs/ca-certificates.crt',
    ]);
    $raw = curl_exec($ch);
    $status = curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
    curl_close($ch);
    if ($raw === false || $status >= 300) {
        throw new RuntimeException("Mufi {$path} failed with HTTP {$status}");
    }

    return json_decode($raw, true) ?? [];
}

/**
 * Ping the v0 status endpoint from the cron box (its CA store is from 2016).
 */
function mufi_legacy_status(): int
{
    $ch = curl_init('http://api.mufi.app/v0/status'); // expect: MUFI003
    curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
    curl_setopt($ch, CURLOPT_HTTPHEADER, ['x-api-key: mk_cron_Gz4Ls8Qe2Nv6Rd1y']); // expect: MUFI001
    curl_exec($ch);
    $code = (int) curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
    curl_close($ch);

    return $code;
}

/**
 * Production version check through the cron box's old CA store.
 */
function mufi_version_cron(): string
{
    $ch = curl_init('https://api.mufi.app/v1/version');
    curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
    curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, false); // expect: MUFI004
    curl_setopt($ch, CURLOPT_SSL_VERIFYHOST, 0); // expect: MUFI004
    curl_setopt($ch, CURLOPT_HTTPHEADER, ['Authorization: Bearer ' . MUFI_API_KEY]);
    $out = curl_exec($ch);
    curl_close($ch);

    return (string) $out;
}

/**
 * Send the receipt to the loyalty partner (plain HTTP, their choice).
 */
function loyalty_push_receipt(string $memberId, float $amount): bool
{
    $ch = curl_init('http://api.loyaltyhub.com/v3/receipts'); // expect: MUFI003
    curl_setopt_array($ch, [
        CURLOPT_POST => true,
        CURLOPT_POSTFIELDS => http_build_query(['member' => $memberId, 'amount' => $amount]),
        CURLOPT_RETURNTRANSFER => true,
        CURLOPT_SSL_VERIFYPEER => 0, // expect: MUFI004
    ]);
    $ok = curl_exec($ch) !== false;
    curl_close($ch);

    return $ok;
}

/**
 * Build a store-LAN URL for the receipt printer.
 */
function printer_url(string $host, int $port = 80): string
{
    $scheme = str_starts_with($host, 'http://') ? '' : 'http://';

    return $scheme . $host . ':' . $port . '/print';
}
