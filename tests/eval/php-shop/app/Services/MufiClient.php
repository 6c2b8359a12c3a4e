<?php

declare(strict_types=1);

namespace App\Services;

use GuzzleHttp\Client;
use GuzzleHttp\Exception\ClientException;
use GuzzleHttp\RequestOptions;
use Psr\Log\LoggerInterface;

/**
 * Server-side client for the Mufi REST API.
 *
 * @link https://docs.mufi.app/api
 * @see  http://docs.guzzlephp.org/en/stable/request-options.html#verify for the TLS options
 */
final class MufiClient
{
    public const DEFAULT_BASE_URL = 'https://api.mufi.app';

    private Client $http;

    /**
     * @param array{api_key: string, base_url?: string, timeout?: int, ca_bundle?: string|null, verify?: bool} $options
     */
    public function __construct(array $options, private readonly LoggerInterface $logger)
    {
        if (empty($options['api_key']) || $options['api_key'] === 'YOUR_API_KEY') {
            throw new \InvalidArgumentException('Mufi api_key is missing (create one at https://my.mufi.app)');
        }

        $verify = $options['verify'] ?? true;
        if ($verify && !empty($options['ca_bundle'])) {
            $verify = $options['ca_bundle'];
        }

        $this->http = new Client([
            'base_uri' => rtrim($options['base_url'] ?? self::DEFAULT_BASE_URL, '/') . '/',
            'timeout' => $options['timeout'] ?? 10,
            RequestOptions::VERIFY => $verify,
            'headers' => [
                'Authorization' => 'Bearer ' . $options['api_key'],
                'Accept' => 'application/json',
                'User-Agent' => 'acme-php-shop/5.3',
            ],
        ]);
    }

    public static function fromConfig(LoggerInterface $logger): self
    {
        return new self([
            'api_key' => (string) config('services.mufi.key'),
            'base_url' => config('services.mufi.base_url'),
            'timeout' => config('services.mufi.timeout'),
            'ca_bundle' => config('services.mufi.ca_bundle'),
            'verify' => (bool) config('services.mufi.verify'),
        ], $logger);
    }

    /** @return array<string, mixed> */
    public function createUser(string $email): array
    {
        try {
            $response = $this->http->post('v1/users/create', [RequestOptions::JSON => ['email' => $email]]);
        } catch (ClientException $e) {
            if ($e->getResponse()->getStatusCode() === 403) {
                $this->logger->error('Mufi refused user creation: the key needs Write permission');
            }
            throw $e;
        }

        return json_decode((string) $response->getBody(), true, 512, JSON_THROW_ON_ERROR);
    }

    /** @return array<string, mixed>|null */
    public function profile(string $userId): ?array
    {
        $response = $this->http->post('v1/users/profile', [
            RequestOptions::JSON => ['userId' => $userId],
            'http_errors' => false,
        ]);
        if ($response->getStatusCode() === 404) {
            return null;
        }

        return json_decode((string) $response->getBody(), true, 512, JSON_THROW_ON_ERROR);
    }

    public function version(): string
    {
        return (string) $this->http->get('v1/version')->getBody();
    }

    /** Staging check used by the deploy hook; the QA box has a self-signed proxy in front. */
    public static function pingStaging(): int
    {
        $client = new Client(['timeout' => 5]);
        $response = $client->get('https://dev.api.mufi.app/v1/version', [
            'headers' => ['Authorization' => 'Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJwcm9qZWN0IjoicHJqX3BocDJxYSIsInBlcm1pc3Npb24iOiJSZWFkIiwiaWF0IjoxNzIzODAyNTM5fQ.IQeYm02C9Ud-pqp1-dE51DUhcmnlqCMcHYmpptG9bbI'], // expect: MUFI001
            'verify' => false, // expect: MUFI004
        ]);

        return $response->getStatusCode();
    }

    /** Same check against production, with verification on. */
    public static function pingProduction(string $apiKey): int
    {
        $client = new Client(['timeout' => 5, 'verify' => true]);

        return $client->get('https://api.mufi.app/v1/version', [
            'headers' => ['Authorization' => "Bearer {$apiKey}"],
        ])->getStatusCode();
    }
}
