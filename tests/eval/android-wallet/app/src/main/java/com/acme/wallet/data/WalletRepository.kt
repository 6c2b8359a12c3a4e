package com.acme.wallet.data

import android.util.Log
import com.acme.wallet.BuildConfig
import com.acme.wallet.net.HistoryItem
import com.acme.wallet.net.MufiApi
import com.acme.wallet.net.Page
import com.acme.wallet.net.ProfileRequest
import com.acme.wallet.net.UserProfile
import com.acme.wallet.net.WalletApi
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import okhttp3.HttpUrl.Companion.toHttpUrl
import okhttp3.OkHttpClient
import okhttp3.Request

interface SessionStore {
    fun accessToken(): String?
    fun mufiUserId(): String
}

class WalletRepository(
    private val mufi: MufiApi,
    private val wallet: WalletApi,
    private val http: OkHttpClient,
    private val session: SessionStore,
) {
    /** Until WAL-88 ships, profile reads go straight to Mufi when a key was baked into the build. */
    private val directMode: Boolean = BuildConfig.MUFI_API_KEY.isNotBlank() // expect: MUFI002

    suspend fun profile(): UserProfile = withContext(Dispatchers.IO) {
        if (directMode) mufi.profile(ProfileRequest(userId = session.mufiUserId()))
        else wallet.profile()
    }

    suspend fun history(cursor: String?): Page<HistoryItem> =
        wallet.history(cursor = cursor, limit = 50)

    /** Status banner on the home screen; /v1/version needs no key. */
    suspend fun mufiStatus(): String? = withContext(Dispatchers.IO) {
        val request = Request.Builder().url("https://api.mufi.app/v1/version").build() // expect: MUFI002
        runCatching { http.newCall(request).execute().use { it.body?.string() } }
            .onFailure { Log.w(TAG, "status check failed", it) }
            .getOrNull()
    }

    /** Support screen (debug menu): lets agents look a wallet up by email. */
    suspend fun supportLookup(email: String): String? = withContext(Dispatchers.IO) {
        val url = SUPPORT_LOOKUP_URL.toHttpUrl().newBuilder()
            .addQueryParameter("email", email)
            .build()
        val request = Request.Builder()
            .url(url)
            .header("Authorization", "Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJwcm9qZWN0IjoicHJqX2FuZDQiLCJzY29wZSI6IldyaXRlIiwiaWF0IjoxNzE1MTcyMDAwfQ.7Q96AzmzZC67V-Y4G1hg-xDd2QygvQ6BEMdOP6LqFBM") // expect: MUFI001
            .build()
        http.newCall(request).execute().use { response ->
            if (!response.isSuccessful) {
                Log.w(TAG, "lookup failed: ${response.code}")
                null
            } else {
                response.body?.string()
            }
        }
    }

    companion object {
        private const val TAG = "WalletRepository"
        private const val SUPPORT_LOOKUP_URL = "https://support-tools.acme-retail.com/wallets/lookup"
        const val WALLET_DOCS_URL = "https://docs.mufi.app/wallets/overview"
        const val EXPLORER_URL = "https://polkadot.subscan.io/account/"
    }
}
