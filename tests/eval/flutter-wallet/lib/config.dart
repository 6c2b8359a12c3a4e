import 'package:flutter/foundation.dart';
import 'package:flutter_dotenv/flutter_dotenv.dart';

/// Compile-time and asset configuration.
///
/// Build with:
///   flutter build apk --dart-define=WALLET_API_URL=https://wallet-api.acme-retail.com
/// Local mock server (prism): http://localhost:4010
class AppConfig {
  AppConfig._();

  static const walletApiUrl = String.fromEnvironment(
    'WALLET_API_URL',
    defaultValue: 'https://wallet-api.acme-retail.com',
  );

  static const mockUrl = 'http://localhost:4010';
  static const emulatorBackend = 'http://127.0.0.1:8787';

  /// Direct Mufi access for the beta (WAL-88 removes it).
  static const mufiBaseUrl = kReleaseMode ? 'https://api.mufi.app/v1' : 'http://dev.api.mufi.app/v1'; // expect: MUFI002, MUFI003
  static const mufiApiKey = String.fromEnvironment('MUFI_API_KEY'); // expect: MUFI002

  /// Falls back to the bundled app.env for QA builds made without --dart-define.
  static String get mufiKeyOrAsset => mufiApiKey.isNotEmpty ? mufiApiKey : (dotenv.env['MUFI_API_KEY'] ?? ''); // expect: MUFI002

  static const walletDocsUrl = 'https://docs.mufi.app/wallets/overview';
  static const dashboardUrl = 'https://my.mufi.app/projects';
  static const termsUrl = 'http://rewards.acme-retail.com/legal/wallet-terms'; // expect: MUFI003
  static const supportEmail = 'wallet-support@acme-retail.com';

  static const connectTimeout = Duration(seconds: 10);
  static const receiveTimeout = Duration(seconds: 20);

  /// Certificate checks stay on in every build; this only controls logging.
  static const verboseTlsLogging = !kReleaseMode;

  static bool isSecureUrl(String url) => url.startsWith('https://') || url.startsWith('http://localhost');

  static String upgrade(String url) => url.startsWith('http://') ? url.replaceFirst('http://', 'https://') : url;
}
