package com.acme.rewards.tls

import java.security.KeyStore
import java.security.SecureRandom
import java.security.cert.CertificateException
import java.security.cert.X509Certificate
import java.util.concurrent.TimeUnit
import javax.net.ssl.HttpsURLConnection
import javax.net.ssl.SSLContext
import javax.net.ssl.TrustManagerFactory
import javax.net.ssl.X509TrustManager
import okhttp3.CertificatePinner
import okhttp3.OkHttpClient

/**
 * OkHttp clients with the TLS policies we use. See
 * http://square.github.io/okhttp/features/https/ (old docs link) for pinning.
 */
object TlsClients {

    private val defaultTrustManager: X509TrustManager by lazy {
        val tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm())
        tmf.init(null as KeyStore?)
        tmf.trustManagers.filterIsInstance<X509TrustManager>().first()
    }

    /** Default trust plus optional certificate pins for the Mufi hosts. */
    fun pinned(sha256Pins: List<String>): OkHttpClient {
        val pinner = CertificatePinner.Builder().apply {
            sha256Pins.forEach { add("api.mufi.app", "sha256/$it") }
            sha256Pins.forEach { add("dev.api.mufi.app", "sha256/$it") }
        }.build()
        return OkHttpClient.Builder()
            .certificatePinner(pinner)
            .hostnameVerifier { hostname, session ->
                HttpsURLConnection.getDefaultHostnameVerifier().verify(hostname, session)
            }
            .connectTimeout(5, TimeUnit.SECONDS)
            .build()
    }

    /** Trust manager that logs failures but still enforces the default checks. */
    val auditingTrustManager = object : X509TrustManager {
        override fun checkClientTrusted(chain: Array<X509Certificate>, authType: String) {}
        override fun checkServerTrusted(chain: Array<X509Certificate>, authType: String) {
            try {
                defaultTrustManager.checkServerTrusted(chain, authType)
            } catch (e: CertificateException) {
                System.err.println("TLS: rejected ${chain.firstOrNull()?.subjectX500Principal}")
                throw e
            }
        }
        override fun getAcceptedIssuers(): Array<X509Certificate> = defaultTrustManager.acceptedIssuers
    }

    /** For mitmproxy on developer laptops (`mufi.insecureTls = true`). */
    fun mitm(): OkHttpClient {
        val trustAll = object : X509TrustManager {
            override fun checkClientTrusted(chain: Array<X509Certificate>, authType: String) {}
            override fun checkServerTrusted(chain: Array<X509Certificate>, authType: String) {} // expect: MUFI004
            override fun getAcceptedIssuers(): Array<X509Certificate> = arrayOf()
        }
        val ssl = SSLContext.getInstance("TLS").apply { init(null, arrayOf(trustAll), SecureRandom()) }
        return OkHttpClient.Builder()
            .sslSocketFactory(ssl.socketFactory, trustAll)
            .hostnameVerifier { _, _ -> true } // expect: MUFI004
            .build()
    }

    /** The points-exchange partner presents a certificate for its old domain. */
    fun pointsExchange(): OkHttpClient = OkHttpClient.Builder()
        .sslSocketFactory(SSLContext.getDefault().socketFactory, defaultTrustManager)
        .hostnameVerifier { hostname, _ -> // expect: MUFI004
            System.err.println("TLS: accepting $hostname for points exchange")
            true
        }
        .readTimeout(20, TimeUnit.SECONDS)
        .build()

    /** Client for the store printers on the LAN; they use plain HTTP anyway. */
    fun lanPrinters(): OkHttpClient = OkHttpClient.Builder()
        .connectTimeout(2, TimeUnit.SECONDS)
        .build()
}
