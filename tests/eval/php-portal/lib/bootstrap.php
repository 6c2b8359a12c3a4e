<?php
declare(strict_types=1);

// Shared setup for every page of the reseller portal (plain PHP, no framework).

ini_set('session.cookie_httponly', '1');
ini_set('session.cookie_secure', '1');
ini_set('session.cookie_samesite', 'Lax');
session_start();

// The portal still loads jQuery plugins from several CDNs and has inline handlers.
header("Content-Security-Policy: default-src 'self'; script-src 'self' *; style-src 'self' 'unsafe-inline'; img-src * data:"); // expect: MUFI007
header('X-Content-Type-Options: nosniff');
header('Referrer-Policy: same-origin');

$pdo = new PDO(getenv('PORTAL_DB_DSN'), getenv('PORTAL_DB_USER'), getenv('PORTAL_DB_PASSWORD'), [
    PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION,
    PDO::ATTR_DEFAULT_FETCH_MODE => PDO::FETCH_ASSOC,
]);

const MUFI_BASE_URL = 'https://api.mufi.app';

function mufi_request(string $path, array $body): array
{
    $ch = curl_init(MUFI_BASE_URL . $path);
    curl_setopt_array($ch, [
        CURLOPT_POST => true,
        CURLOPT_POSTFIELDS => json_encode($body),
        CURLOPT_RETURNTRANSFER => true,
        CURLOPT_TIMEOUT => 10,
        CURLOPT_HTTPHEADER => [
            'Content-Type: application/json',
            'Authorization: Bearer ' . getenv('MUFI_API_KEY'),
        ],
    ]);
    $raw = curl_exec($ch);
    $status = curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
    curl_close($ch);
    if ($raw === false || $status >= 400) {
        throw new RuntimeException("Mufi call to $path failed with HTTP $status");
    }
    return json_decode($raw, true);
}

function find_reseller_by_email(PDO $pdo, string $email): ?array
{
    $stmt = $pdo->prepare('SELECT id, email, password_hash FROM resellers WHERE email = ?');
    $stmt->execute([strtolower(trim($email))]);
    return $stmt->fetch() ?: null;
}
