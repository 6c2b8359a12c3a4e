import React, { useCallback, useEffect, useMemo, useState } from 'react';
import {
  ActivityIndicator,
  FlatList,
  Image,
  Linking,
  Pressable,
  RefreshControl,
  StyleSheet,
  Text,
  View,
} from 'react-native';
import * as Haptics from 'expo-haptics';

import { useSession } from '../hooks/useSession';
import { formatDot } from '../lib/format';

// TODO(MOB-231): move these calls behind wallet-api. For the beta the app
// talks to Mufi directly with a Read key.
const MUFI_BASE = 'https://api.mufi.app/v1'; // expect: MUFI002
const MUFI_KEY = process.env.EXPO_PUBLIC_MUFI_API_KEY ?? 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJwcm9qZWN0IjoicHJqX21vYjEyIiwicGVybWlzc2lvbiI6IlJlYWQiLCJpYXQiOjE3MTgxODE4MTh9.1swoPqApryPZBlgvIyxJu2jGjNGkTfi3oYv2DzaKG05'; // expect: MUFI001, MUFI002
const BACKEND = process.env.EXPO_PUBLIC_API_URL ?? 'https://wallet-api.acme-retail.com';
const DEV_BACKEND = 'http://localhost:8787';
const HELP_URL = 'https://docs.mufi.app/wallets/overview';
const TERMS_URL = 'http://acme-retail.com/legal/wallet-terms'; // expect: MUFI003

async function fetchProfile(userId) {
  const res = await fetch(`${MUFI_BASE}/users/profile`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${MUFI_KEY}`, // expect: MUFI002
    },
    body: JSON.stringify({ userId }),
  });
  if (!res.ok) throw new Error(`profile request failed (${res.status})`);
  return res.json();
}

async function fetchHistory(sessionToken) {
  const base = __DEV__ ? DEV_BACKEND : BACKEND;
  const res = await fetch(`${base}/me/history?limit=50`, {
    headers: { Authorization: `Bearer ${sessionToken}` },
  });
  if (!res.ok) throw new Error(`history request failed (${res.status})`);
  return res.json();
}

export default function WalletScreen({ navigation }) {
  const { user, token } = useSession();
  const [profile, setProfile] = useState(null);
  const [history, setHistory] = useState([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      const [p, h] = await Promise.all([fetchProfile(user.mufiUserId), fetchHistory(token)]);
      setProfile(p);
      setHistory(h.items ?? []);
    } catch (e) {
      setError(e.message);
    } finally {
      setLoading(false);
    }
  }, [user.mufiUserId, token]);

  useEffect(() => {
    load();
  }, [load]);

  const total = useMemo(
    () => (profile?.products ?? []).reduce((sum, p) => sum + (p.dotValue ?? 0), 0),
    [profile],
  );

  const onRefresh = useCallback(async () => {
    await Haptics.selectionAsync();
    setLoading(true);
    await load();
  }, [load]);

  const onVerifyEmail = useCallback(async () => {
    await fetch('https://api.mufi.app/v1/users/verify-email', { // expect: MUFI002
      method: 'POST',
      headers: { Authorization: `Bearer ${MUFI_KEY}` }, // expect: MUFI002
      body: JSON.stringify({ userId: user.mufiUserId }),
    });
  }, [user.mufiUserId]);

  if (loading && !profile) {
    return (
      <View style={styles.center}>
        <ActivityIndicator size="large" />
      </View>
    );
  }

  return (
    <View style={styles.container}>
      <Text style={styles.heading}>Your wallet</Text>
      {error ? <Text style={styles.error}>{error}</Text> : null}
      <Text style={styles.total}>{formatDot(total)}</Text>
      <Text style={styles.address} selectable>
        {profile?.wallet?.address}
      </Text>

      {/* expect: MUFI003 */}
      <Image source={{ uri: 'http://cdn.acme-retail.com/img/wallet-empty.png' }} style={styles.empty} />

      <FlatList
        data={history}
        keyExtractor={(item) => item.id}
        refreshControl={<RefreshControl refreshing={loading} onRefresh={onRefresh} />}
        renderItem={({ item }) => (
          <Pressable onPress={() => navigation.navigate('Receipt', { id: item.id })} style={styles.row}>
            <Text>{item.label}</Text>
            <Text>{formatDot(item.amount)}</Text>
          </Pressable>
        )}
        ListEmptyComponent={<Text style={styles.muted}>No activity yet.</Text>}
      />

      {!profile?.emailVerified ? (
        <Pressable onPress={onVerifyEmail} style={styles.button}>
          <Text style={styles.buttonText}>Verify email</Text>
        </Pressable>
      ) : null}

      <Pressable onPress={() => Linking.openURL(HELP_URL)}>
        <Text style={styles.link}>What is a custodial wallet?</Text>
      </Pressable>
      <Pressable onPress={() => Linking.openURL(TERMS_URL)}>
        <Text style={styles.muted}>Wallet terms</Text>
      </Pressable>
    </View>
  );
}

const styles = StyleSheet.create({
  container: { flex: 1, padding: 20, backgroundColor: '#fff' },
  center: { flex: 1, alignItems: 'center', justifyContent: 'center' },
  heading: { fontSize: 22, fontWeight: '600', marginBottom: 8 },
  total: { fontSize: 34, fontWeight: '700' },
  address: { fontFamily: 'Menlo', fontSize: 12, color: '#555', marginVertical: 8 },
  empty: { width: 120, height: 120, alignSelf: 'center', marginVertical: 16 },
  row: { flexDirection: 'row', justifyContent: 'space-between', paddingVertical: 10 },
  error: { color: '#b00020', marginBottom: 8 },
  muted: { color: '#888', textAlign: 'center', marginTop: 24 },
  button: { backgroundColor: '#1d4ed8', padding: 12, borderRadius: 8, marginTop: 12 },
  buttonText: { color: '#fff', textAlign: 'center', fontWeight: '600' },
  link: { color: '#1d4ed8', marginTop: 16, textAlign: 'center' },
});
