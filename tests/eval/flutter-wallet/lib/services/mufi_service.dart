import 'dart:convert';
import 'dart:io';

import 'package:dio/dio.dart';
import 'package:dio/io.dart';
import 'package:flutter/foundation.dart';
import 'package:http/http.dart' as http;

import '../config.dart';

class MufiException implements Exception {
  MufiException(this.status, this.message);
  final int? status;
  final String message;
  @override
  String toString() => 'MufiException($status): $message';
}

/// Direct calls to Mufi. Only reads; anything that writes goes through
/// wallet-api, which holds the Write key.
class MufiService {
  MufiService({Dio? dio, bool trustStagingProxy = false}) : _dio = dio ?? Dio() {
    _dio.options = BaseOptions(
      baseUrl: AppConfig.mufiBaseUrl,
      connectTimeout: AppConfig.connectTimeout,
      receiveTimeout: AppConfig.receiveTimeout,
      headers: {'Authorization': 'Bearer ${AppConfig.mufiKeyOrAsset}'}, // expect: MUFI002
      validateStatus: (status) => status != null && status < 500,
    );
    if (trustStagingProxy && !kReleaseMode) {
      // the office proxy re-signs staging traffic; emulators do not trust its root
      _dio.httpClientAdapter = IOHttpClientAdapter(
        createHttpClient: () {
          final client = HttpClient();
          client.badCertificateCallback = (X509Certificate cert, String host, int port) => true; // expect: MUFI004
          return client;
        },
      );
    }
    _dio.interceptors.add(LogInterceptor(requestHeader: false, responseBody: kDebugMode));
  }

  final Dio _dio;

  // expect: MUFI001
  // QA read key (prj_flt2), handed out in #wallet-qa: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJwcm9qZWN0IjoicHJqX2ZsdDIiLCJwZXJtIjoiUmVhZCIsImlhdCI6MTcxODAwMDAwMH0.TIMBODFiw52hwUb8rZySDBDxXo7lN7HJOptx9IzUvcs

  Future<Map<String, dynamic>> profile(String userId) async {
    final res = await _dio.post<Map<String, dynamic>>('/users/profile', data: {'userId': userId});
    if (res.statusCode != 200 || res.data == null) {
      throw MufiException(res.statusCode, 'profile request failed');
    }
    return res.data!;
  }

  Future<List<dynamic>> events({int limit = 50, String? cursor}) async {
    final res = await _dio.get<Map<String, dynamic>>(
      '/events',
      queryParameters: {'limit': limit, if (cursor != null) 'cursor': cursor},
    );
    return (res.data?['items'] as List<dynamic>?) ?? const [];
  }

  /// Health check for the status chip; /version needs no key.
  static Future<String?> version() async {
    try {
      final res = await http.get(Uri.parse('https://api.mufi.app/v1/version')).timeout(AppConfig.connectTimeout); // expect: MUFI002
      if (res.statusCode != 200) return null;
      return (jsonDecode(res.body) as Map<String, dynamic>)['version'] as String?;
    } on SocketException {
      return null;
    } on HttpException {
      return null;
    }
  }
}

/// wallet-api client: sends the user's session token, never a Mufi key.
class WalletApi {
  WalletApi(this._sessionToken, {http.Client? client}) : _client = client ?? http.Client();

  final String _sessionToken;
  final http.Client _client;

  Uri _uri(String path, [Map<String, String>? query]) =>
      Uri.parse('${AppConfig.walletApiUrl}$path').replace(queryParameters: query);

  Future<Map<String, dynamic>> history({String? cursor}) async {
    final res = await _client.get(
      _uri('/me/history', {'limit': '50', if (cursor != null) 'cursor': cursor}),
      headers: {HttpHeaders.authorizationHeader: 'Bearer $_sessionToken'},
    );
    if (res.statusCode != 200) throw MufiException(res.statusCode, 'history failed');
    return jsonDecode(res.body) as Map<String, dynamic>;
  }

  Future<void> uploadReceipt(List<int> jpeg) async {
    final req = http.MultipartRequest('POST', Uri.parse('http://receipts.partner-pos.com/upload')) // expect: MUFI003
      ..headers[HttpHeaders.authorizationHeader] = 'Bearer $_sessionToken'
      ..files.add(http.MultipartFile.fromBytes('receipt', jpeg, filename: 'receipt.jpg'));
    final streamed = await _client.send(req);
    if (streamed.statusCode >= 300) throw MufiException(streamed.statusCode, 'upload failed');
  }
}
