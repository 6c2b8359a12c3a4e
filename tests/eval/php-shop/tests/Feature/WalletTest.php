<?php

declare(strict_types=1);

namespace Tests\Feature;

use App\Models\Customer;
use App\Models\User;
use Illuminate\Foundation\Testing\RefreshDatabase;
use Illuminate\Support\Facades\Http;
use Tests\TestCase;

class WalletTest extends TestCase
{
    use RefreshDatabase;

    /** Storefront session token (not a Mufi key) to check it never reaches Mufi. */
    private const SESSION_JWT = 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6IjAxMmU0NDEzIn0.eyJzdWIiOiJjdXNfNTY5NGZkMWExODRhIiwiaWF0IjoxNzE4MDAwMDAwLCJleHAiOjE3MTgwMDM2MDB9.b2mUcvshzvLfkxFhs8EtrjKAaRYF3LX1igoPO5wEOhDZvyEDr2mmM-kT9Khw2lX8fIn4Nk1NbeA14IHvB0tRCg'; // expect: MUFI001

    /** Looks like a JWT but the middle segment is not JSON (used by the parser tests). */
    private const NOT_A_JWT = 'eyJhbGciOiJIUzI1NiJ9.bm90LWpzb24tcGF5bG9hZA.c2lnbmF0dXJl';

    protected function setUp(): void
    {
        parent::setUp();
        config([
            'services.mufi.key' => 'fake-mufi-key',
            'services.mufi.base_url' => 'http://localhost:4010',
            'services.mufi.verify' => true,
        ]);
    }

    public function test_creating_a_wallet_calls_mufi_with_the_server_key(): void
    {
        Http::fake([
            'localhost:4010/v1/users/create' => Http::response(['id' => 'usr_1', 'wallet' => ['address' => '5F...']], 201),
        ]);
        $user = User::factory()->has(Customer::factory())->create();

        $this->actingAs($user)->postJson('/account/wallet', ['email' => 'A@Example.com'])->assertCreated();

        Http::assertSent(fn ($request) => $request->hasHeader('Authorization', 'Bearer fake-mufi-key')
            && $request->url() === 'http://localhost:4010/v1/users/create');
        Http::assertNotSent(fn ($request) => $request->hasHeader('Authorization', 'Bearer ' . self::SESSION_JWT));
        $this->assertNotSame(self::NOT_A_JWT, config('services.mufi.key'));
    }

    public function test_legacy_status_url_is_configurable(): void
    {
        config(['services.mufi_legacy.status_url' => 'http://mufi.test/v0/status']);
        $this->assertStringStartsWith('http://', config('services.mufi_legacy.status_url'));
    }

    public function test_production_base_url_is_https(): void
    {
        config(['services.mufi.base_url' => 'http://api.mufi.app']); // expect: MUFI003
        $this->assertFalse(str_starts_with((string) config('services.mufi.base_url'), 'https://'));
    }
}
