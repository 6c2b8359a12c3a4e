package com.acme.wallet.net;

import android.util.Log;

import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import okhttp3.OkHttpClient;

/** TLS helpers carried over from the 3.x Java code base. */
public final class LegacyTls {
    private static final String TAG = "LegacyTls";

    private LegacyTls() {}

    /** The platform trust manager (system CAs; user CAs only in debug via network_security_config). */
    public static X509TrustManager platformTrustManager() throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager) {
                return (X509TrustManager) tm;
            }
        }
        throw new IllegalStateException("no X509TrustManager in " + tmf.getAlgorithm());
    }

    /** Validates with the platform manager, then logs the leaf so we can plan pin rotation. */
    public static final class LoggingTrustManager implements X509TrustManager {
        private final X509TrustManager delegate;

        public LoggingTrustManager(X509TrustManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkServerTrusted(chain, authType);
            Log.d(TAG, "server leaf: " + chain[0].getSubjectX500Principal().getName());
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }

    /** Staging only: the office proxy re-signs traffic with a CA the phones do not have. */
    public static void trustAll(OkHttpClient.Builder builder) {
        X509TrustManager trustAll = new X509TrustManager() {
            @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}
            @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {} // expect: MUFI004
            @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        };
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {trustAll}, new SecureRandom());
            builder.sslSocketFactory(ctx.getSocketFactory(), trustAll);
        } catch (Exception e) {
            Log.e(TAG, "could not install the staging trust manager", e);
        }
    }

    /** Receipt uploads still use HttpsURLConnection; same staging proxy problem. */
    public static void relaxHostnamesForStaging() {
        HostnameVerifier anyHost = (hostname, session) -> true; // expect: MUFI004
        HttpsURLConnection.setDefaultHostnameVerifier(anyHost);
    }

    public static HostnameVerifier strictVerifier() {
        return HttpsURLConnection.getDefaultHostnameVerifier();
    }

    /** Pins are checked by OkHttp's CertificatePinner; this only says whether a host is pinned. */
    public static boolean verifyPinnedHost(String host) {
        return host.equals("wallet-api.acme-retail.com") || host.endsWith(".wallet-api.acme-retail.com");
    }
}
