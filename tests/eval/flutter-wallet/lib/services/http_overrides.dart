import 'dart:io';

import 'package:flutter/foundation.dart';
import 'package:flutter/services.dart' show rootBundle;

/// Process-wide HttpClient configuration, installed in main():
///
///   HttpOverrides.global = await PinnedHttpOverrides.load();
///
/// Release builds trust only the system roots plus our own wallet-api root.
class PinnedHttpOverrides extends HttpOverrides {
  PinnedHttpOverrides._(this._context);

  final SecurityContext _context;

  static Future<PinnedHttpOverrides> load() async {
    final pem = await rootBundle.load('assets/certs/wallet-api-root.pem');
    final context = SecurityContext(withTrustedRoots: true)
      ..setTrustedCertificatesBytes(pem.buffer.asUint8List());
    return PinnedHttpOverrides._(context);
  }

  @override
  HttpClient createHttpClient(SecurityContext? context) {
    final client = super.createHttpClient(_context)
      ..connectionTimeout = const Duration(seconds: 10)
      ..idleTimeout = const Duration(seconds: 15)
      ..badCertificateCallback = (X509Certificate cert, String host, int port) => false;
    return client;
  }
}

/// Used by the integration tests that run against the docker-compose stack
/// on a developer laptop (self-signed certificate from mkcert).
class DevHttpOverrides extends HttpOverrides {
  @override
  HttpClient createHttpClient(SecurityContext? context) {
    assert(!kReleaseMode, 'DevHttpOverrides must never ship');
    return super.createHttpClient(context)
      ..badCertificateCallback = (cert, host, port) => true; // expect: MUFI004
  }
}

/// Names only: no TLS setting is changed by these flags.
class TlsDiagnostics {
  static bool verifyHostnameLogging = true;
  static bool reportInsecureRedirects = true;

  static String describe(X509Certificate cert) =>
      'subject=${cert.subject} issuer=${cert.issuer} valid=${cert.startValidity}..${cert.endValidity}';
}
