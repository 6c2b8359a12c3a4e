package com.acme.wallet.net

import com.squareup.moshi.Json
import com.squareup.moshi.JsonClass
import retrofit2.http.Body
import retrofit2.http.GET
import retrofit2.http.POST
import retrofit2.http.Path
import retrofit2.http.Query

/**
 * The few Mufi endpoints the beta still calls directly (WAL-88 moves them
 * behind wallet-api). Paths are relative to the base URL chosen in
 * [NetworkModule]; request shapes are documented at https://docs.mufi.app/reference
 * (the 2023 copy of the docs is mirrored at http://docs-mirror.acme-retail.com/mufi/).
 */
interface MufiApi {
    @GET("v1/version")
    suspend fun version(): VersionResponse

    @POST("v1/users/profile")
    suspend fun profile(@Body body: ProfileRequest): UserProfile

    @GET("v1/events")
    suspend fun events(
        @Query("limit") limit: Int = 50,
        @Query("cursor") cursor: String? = null,
    ): Page<EventSummary>

    @GET("v1/events/{id}/products")
    suspend fun products(@Path("id") eventId: String): List<Product>
}

/** Our own backend. It holds the server-side Write key; the app only sends the session. */
interface WalletApi {
    @GET("me/profile")
    suspend fun profile(): UserProfile

    @GET("me/history")
    suspend fun history(@Query("cursor") cursor: String?, @Query("limit") limit: Int): Page<HistoryItem>

    @POST("me/products/{id}/redeem")
    suspend fun redeem(@Path("id") productId: String): RedeemResult
}

@JsonClass(generateAdapter = true)
data class VersionResponse(val version: String)

@JsonClass(generateAdapter = true)
data class ProfileRequest(@Json(name = "userId") val userId: String)

@JsonClass(generateAdapter = true)
data class Wallet(val address: String, val network: String = "polkadot")

@JsonClass(generateAdapter = true)
data class UserProfile(
    val id: String,
    val email: String,
    val emailVerified: Boolean = false,
    val wallet: Wallet?,
    val products: List<Product> = emptyList(),
)

@JsonClass(generateAdapter = true)
data class EventSummary(val id: String, val name: String, val startsAt: String, val venue: String?)

@JsonClass(generateAdapter = true)
data class Product(val id: String, val name: String, val quantity: Int = 0, val imageUrl: String? = null)

@JsonClass(generateAdapter = true)
data class HistoryItem(val id: String, val label: String, val amount: Long, val createdAt: String)

@JsonClass(generateAdapter = true)
data class RedeemResult(val ok: Boolean, val receiptId: String?)

@JsonClass(generateAdapter = true)
data class Page<T>(val items: List<T>, val nextCursor: String?)
