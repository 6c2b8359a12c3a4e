package com.acme.wallets.config;

import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * SSL helpers carried over from the 2019 POS integration.
 *
 * <p>See http://stackoverflow.com/questions/1201048 for where the trust-all
 * manager came from. Do not use it for Mufi calls.
 */
public final class LegacySsl {

    private LegacySsl() {}

    /** An SSLContext that accepts any server certificate (mitm profile, POS bridge). */
    public static SSLContext trustAllContext() throws Exception {
        TrustManager[] trustAll = {
            new X509TrustManager() {
                public void checkClientTrusted(X509Certificate[] chain, String authType) {}
                public void checkServerTrusted(X509Certificate[] chain, String authType) {} // expect: MUFI004
                public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
            }
        };
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, trustAll, new SecureRandom());
        return ctx;
    }

    /** Installs a JVM-wide trust-all setup; called by the POS bridge in the back office. */
    public static void installForPosBridge() throws Exception {
        X509TrustManager lenient = new X509TrustManager() {
            public X509Certificate[] getAcceptedIssuers() { return null; }
            public void checkClientTrusted(X509Certificate[] certs, String authType) { }
            public void checkServerTrusted(X509Certificate[] certs, String authType) { // expect: MUFI004
                // POS bridge uses a self-signed certificate; nothing to check
            }
        };
        SSLContext ctx = SSLContext.getInstance("TLSv1.2");
        ctx.init(null, new TrustManager[] { lenient }, null);
        HttpsURLConnection.setDefaultSSLSocketFactory(ctx.getSocketFactory());
        HttpsURLConnection.setDefaultHostnameVerifier(new HostnameVerifier() {
            public boolean verify(String hostname, SSLSession session) { return true; } // expect: MUFI004
        });
    }

    /**
     * A trust manager that trusts the JVM defaults and logs rejected chains.
     * Client certificates are not used, so checkClientTrusted is a no-op.
     */
    public static X509TrustManager loggingTrustManager() throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        X509TrustManager defaults = (X509TrustManager) tmf.getTrustManagers()[0];
        return new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                try {
                    defaults.checkServerTrusted(chain, authType);
                } catch (CertificateException e) {
                    System.getLogger("tls").log(System.Logger.Level.WARNING, "rejected chain for " + chain[0].getSubjectX500Principal());
                    throw e;
                }
            }
            public X509Certificate[] getAcceptedIssuers() { return defaults.getAcceptedIssuers(); }
        };
    }

    /** Hostname verifier for the POS bridge: the bridge's certificate CN is "pos-bridge". */
    public static HostnameVerifier posBridgeVerifier() {
        return (hostname, session) -> "pos-bridge.backoffice.acme-retail.com".equals(hostname)
                || HttpsURLConnection.getDefaultHostnameVerifier().verify(hostname, session);
    }
}
