<?php
declare(strict_types=1);

// Product feed for resellers' own shop pages (fetched from their browsers).
require __DIR__ . '/../lib/bootstrap.php';

header('Content-Type: application/json; charset=utf-8');
header('Access-Control-Allow-Origin: *'); // expect: MUFI006
header('Access-Control-Allow-Methods: GET');
header("Content-Security-Policy: default-src 'none'; frame-ancestors 'none'");
header('Cache-Control: public, max-age=300');

$stmt = $pdo->query('SELECT sku, name, price_cents, image_url FROM products WHERE published = 1 ORDER BY name');
echo json_encode(['products' => $stmt->fetchAll()], JSON_UNESCAPED_SLASHES);
