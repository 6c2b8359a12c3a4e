import 'package:cached_network_image/cached_network_image.dart';
import 'package:flutter/material.dart';
import 'package:url_launcher/url_launcher.dart';

import '../config.dart';
import '../services/mufi_service.dart';

class WalletScreen extends StatefulWidget {
  const WalletScreen({super.key, required this.userId, required this.mufi});

  final String userId;
  final MufiService mufi;

  @override
  State<WalletScreen> createState() => _WalletScreenState();
}

class _WalletScreenState extends State<WalletScreen> {
  late Future<Map<String, dynamic>> _profile;

  @override
  void initState() {
    super.initState();
    _profile = widget.mufi.profile(widget.userId);
  }

  Future<void> _open(String url) async {
    final uri = Uri.parse(AppConfig.upgrade(url));
    if (!await launchUrl(uri, mode: LaunchMode.externalApplication)) {
      if (!mounted) return;
      ScaffoldMessenger.of(context).showSnackBar(const SnackBar(content: Text('Could not open link')));
    }
  }

  @override
  Widget build(BuildContext context) {
    return Scaffold(
      appBar: AppBar(title: const Text('Your wallet')),
      body: FutureBuilder<Map<String, dynamic>>(
        future: _profile,
        builder: (context, snapshot) {
          if (snapshot.connectionState != ConnectionState.done) {
            return const Center(child: CircularProgressIndicator());
          }
          if (snapshot.hasError) {
            return Center(child: Text('Could not load your wallet: ${snapshot.error}'));
          }
          final profile = snapshot.data!;
          final products = (profile['products'] as List<dynamic>? ?? const []);
          return ListView(
            padding: const EdgeInsets.all(20),
            children: [
              SelectableText(profile['wallet']?['address'] as String? ?? '—',
                  style: const TextStyle(fontFamily: 'monospace')),
              const SizedBox(height: 16),
              if (products.isEmpty)
                CachedNetworkImage(
                  imageUrl: 'http://cdn.acme-retail.com/img/wallet-empty.png', // expect: MUFI003
                  height: 120,
                ),
              for (final p in products)
                ListTile(
                  leading: CachedNetworkImage(imageUrl: AppConfig.upgrade(p['imageUrl'] as String? ?? ''), width: 40),
                  title: Text(p['name'] as String? ?? ''),
                  trailing: Text('${p['quantity'] ?? 0}'),
                ),
              const Divider(),
              TextButton(onPressed: () => _open(AppConfig.walletDocsUrl), child: const Text('What is a custodial wallet?')),
              TextButton(onPressed: () => _open(AppConfig.termsUrl), child: const Text('Wallet terms')),
              TextButton(
                onPressed: () => _open('https://status.acme-retail.com'),
                child: const Text('Service status'),
              ),
            ],
          );
        },
      ),
    );
  }
}
