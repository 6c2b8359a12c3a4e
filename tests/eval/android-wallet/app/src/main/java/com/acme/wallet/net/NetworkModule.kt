package com.acme.wallet.net

import com.acme.wallet.BuildConfig
import com.acme.wallet.data.SessionStore
import com.squareup.moshi.Moshi
import com.squareup.moshi.kotlin.reflect.KotlinJsonAdapterFactory
import okhttp3.CertificatePinner
import okhttp3.Interceptor
import okhttp3.OkHttpClient
import okhttp3.logging.HttpLoggingInterceptor
import retrofit2.Retrofit
import retrofit2.converter.moshi.MoshiConverterFactory
import java.util.concurrent.TimeUnit

object NetworkModule {

    private const val MUFI_PROD = "https://api.mufi.app/" // expect: MUFI002
    private const val MUFI_STAGING = "http://dev.api.mufi.app/" // expect: MUFI002, MUFI003

    /** wallet-api, which holds the server-side key (https in every build type but debug). */
    private val walletApiUrl: String = BuildConfig.WALLET_API_URL

    private val moshi: Moshi = Moshi.Builder()
        .add(KotlinJsonAdapterFactory())
        .build()

    private val pinner = CertificatePinner.Builder()
        .add("wallet-api.acme-retail.com", "sha256/47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")
        .add("wallet-api.acme-retail.com", "sha256/Vjs8r4z+80wjNcr1YKepWQboSIRi63WsWXhIMN+eWys=")
        .build()

    private val logging = HttpLoggingInterceptor().apply {
        level = if (BuildConfig.DEBUG) HttpLoggingInterceptor.Level.BODY else HttpLoggingInterceptor.Level.NONE
        redactHeader("Authorization")
        redactHeader("Cookie")
    }

    private val mufiAuth = Interceptor { chain ->
        val request = chain.request().newBuilder()
            .header("Authorization", "Bearer ${BuildConfig.MUFI_API_KEY}") // expect: MUFI002
            .header("Accept", "application/json")
            .build()
        chain.proceed(request)
    }

    /** Rewrites the odd absolute http:// link the CMS still returns for product images. */
    fun upgradeScheme(url: String): String =
        if (url.startsWith("http://")) "https://" + url.removePrefix("http://") else url

    fun mufiClient(insecureStaging: Boolean = false): OkHttpClient {
        val builder = OkHttpClient.Builder()
            .connectTimeout(10, TimeUnit.SECONDS)
            .readTimeout(20, TimeUnit.SECONDS)
            .callTimeout(30, TimeUnit.SECONDS)
            .retryOnConnectionFailure(true)
            .addInterceptor(mufiAuth)
            .addInterceptor(logging)
        if (insecureStaging && BuildConfig.ALLOW_INSECURE_STAGING) {
            // staging goes through the office proxy, which re-signs with its own CA
            builder.hostnameVerifier { _, _ -> true } // expect: MUFI004
            LegacyTls.trustAll(builder)
        }
        return builder.build()
    }

    fun mufiApi(staging: Boolean): MufiApi = Retrofit.Builder()
        .baseUrl(if (staging) MUFI_STAGING else MUFI_PROD)
        .client(mufiClient(insecureStaging = staging))
        .addConverterFactory(MoshiConverterFactory.create(moshi))
        .build()
        .create(MufiApi::class.java)

    fun walletApi(session: SessionStore): WalletApi {
        val client = OkHttpClient.Builder()
            .certificatePinner(pinner)
            .addInterceptor { chain ->
                val token = session.accessToken()
                val request = if (token == null) chain.request() else chain.request().newBuilder()
                    .header("Authorization", "Bearer $token")
                    .build()
                chain.proceed(request)
            }
            .addInterceptor(logging)
            .build()
        return Retrofit.Builder()
            .baseUrl(walletApiUrl)
            .client(client)
            .addConverterFactory(MoshiConverterFactory.create(moshi))
            .build()
            .create(WalletApi::class.java)
    }
}
