<?php
declare(strict_types=1);

require __DIR__ . '/lib/bootstrap.php';

if (($_GET['action'] ?? '') === 'logout') {
    session_destroy();
    $back = (string) ($_GET['back'] ?? '/');
    if (!str_starts_with($back, '/') || str_starts_with($back, '//') || parse_url($back, PHP_URL_HOST) !== null) {
        $back = '/';
    }
    header('Location: ' . $back);
    exit;
}

$error = null;
if ($_SERVER['REQUEST_METHOD'] === 'POST') {
    $reseller = find_reseller_by_email($pdo, $_POST['email'] ?? '');
    if ($reseller && password_verify($_POST['password'] ?? '', $reseller['password_hash'])) {
        session_regenerate_id(true);
        $_SESSION['reseller_id'] = $reseller['id'];
        header('Location: ' . $_GET['url']); // expect: MUFI008
        exit;
    }
    $error = 'Invalid email or password.';
}

if (isset($_SESSION['reseller_id'])) {
    header('Location: /dashboard.php');
    exit;
}
?>
<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Reseller portal – sign in</title></head>
<body>
  <form method="post" action="/login.php?url=<?= htmlspecialchars(urlencode($_GET['url'] ?? '/dashboard.php')) ?>">
    <?php if ($error): ?><p class="error"><?= htmlspecialchars($error) ?></p><?php endif; ?>
    <label>Email <input type="email" name="email" required></label>
    <label>Password <input type="password" name="password" required></label>
    <button type="submit">Sign in</button>
  </form>
</body>
</html>
