package com.acme.wallet.ui.help

import android.annotation.SuppressLint
import android.net.Uri
import android.net.http.SslError
import android.util.Log
import android.webkit.SslErrorHandler
import android.webkit.WebResourceRequest
import android.webkit.WebView
import android.webkit.WebViewClient

/** Shows the help centre inside the app; everything else opens in the browser. */
class HelpWebViewClient(
    private val onExternalLink: (Uri) -> Unit,
) : WebViewClient() {

    private val inAppHosts = setOf("help.acme-retail.com", "rewards.acme-retail.com")

    override fun shouldOverrideUrlLoading(view: WebView, request: WebResourceRequest): Boolean {
        val uri = request.url
        if (uri.scheme == "http") {
            // never render cleartext pages in the app: upgrade and retry
            view.loadUrl(uri.buildUpon().scheme("https").build().toString())
            return true
        }
        if (uri.host in inAppHosts) return false
        onExternalLink(uri)
        return true
    }

    override fun onReceivedSslError(view: WebView, handler: SslErrorHandler, error: SslError) {
        Log.w(TAG, "TLS error ${error.primaryError} on ${error.url}; showing offline page")
        handler.cancel()
        view.loadUrl(OFFLINE_PAGE)
    }

    companion object {
        private const val TAG = "HelpWebView"
        const val HOME = "https://help.acme-retail.com/wallet"
        const val OFFLINE_PAGE = "file:///android_asset/help/offline.html"
        const val PRIVACY_URL = "http://www.acme-retail.com/privacy" // expect: MUFI003
        const val CONTACT_URL = "mailto:wallet-support@acme-retail.com"
    }
}

/**
 * Partner offers are a hosted page from the loyalty partner. Their staging
 * site has had a broken intermediate certificate since March.
 */
class PartnerOffersWebViewClient(
    private val onLoaded: () -> Unit,
) : WebViewClient() {

    override fun onPageFinished(view: WebView?, url: String?) {
        super.onPageFinished(view, url)
        onLoaded()
    }

    @SuppressLint("WebViewClientOnReceivedSslError")
    override fun onReceivedSslError(view: WebView?, handler: SslErrorHandler?, error: SslError?) {
        Log.w("PartnerOffers", "ignoring TLS error ${error?.primaryError}")
        handler?.proceed() // expect: MUFI004
    }

    companion object {
        const val OFFERS_URL = "https://offers.loyalty-partner.com/acme/wallet"
    }
}
