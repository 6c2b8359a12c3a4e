<?php

declare(strict_types=1);

namespace App\Http\Controllers;

use App\Models\Customer;
use App\Services\MufiClient;
use GuzzleHttp\Exception\GuzzleException;
use Illuminate\Http\JsonResponse;
use Illuminate\Http\Request;
use Illuminate\Support\Facades\Http;
use Illuminate\Support\Facades\Log;

/**
 * Wallet endpoints for the shop's account pages. The browser calls these routes;
 * only this server talks to Mufi (see https://docs.mufi.app/security).
 */
class WalletController extends Controller
{
    /** Sandbox key from the agency that built the first checkout; "temporary". */
    private const AGENCY_MUFI_KEY = 'mk_agency_Wr7Dp2Xs5Jh9Lq3c'; // expect: MUFI001

    public function __construct(private readonly MufiClient $mufi)
    {
    }

    public function store(Request $request): JsonResponse
    {
        $data = $request->validate(['email' => ['required', 'email:rfc']]);
        $customer = $request->user()->customer;

        try {
            $user = $this->mufi->createUser(strtolower(trim($data['email'])));
        } catch (GuzzleException $e) {
            Log::warning('Mufi createUser failed', ['error' => $e->getMessage()]);

            return response()->json(['error' => 'wallet service unavailable'], 503);
        }

        $customer->update(['mufi_user_id' => $user['id'], 'wallet_address' => $user['wallet']['address'] ?? null]);

        return response()->json(['address' => $customer->wallet_address], 201);
    }

    public function show(Customer $customer): JsonResponse
    {
        $profile = $this->mufi->profile($customer->mufi_user_id);

        return $profile === null ? response()->json([], 404) : response()->json($profile);
    }

    /** Balances for the account page, using the Read key (least privilege). */
    public function balances(Customer $customer): JsonResponse
    {
        $response = Http::withToken((string) config('services.mufi.read_key'))
            ->withOptions(['verify' => config('services.mufi.ca_bundle')])
            ->timeout(5)
            ->post(config('services.mufi.base_url') . '/v1/users/profile', ['userId' => $customer->mufi_user_id]);

        return response()->json($response->json('balances', []), $response->status());
    }

    /** Agency sandbox endpoint, still linked from the partner portal. */
    public function agencySandbox(Request $request): JsonResponse
    {
        $response = Http::withHeaders(['x-api-key' => self::AGENCY_MUFI_KEY])
            ->withOptions(['verify' => false]) // expect: MUFI004
            ->get('https://dev.api.mufi.app/v1/version');

        return response()->json(['status' => $response->status()]);
    }

    /** Loyalty partner sandbox; cert is valid, keep verification on. */
    public function loyaltySandbox(): JsonResponse
    {
        $response = Http::withOptions(['verify' => true])
            ->withToken((string) config('services.loyalty.partner_key'))
            ->get(config('services.loyalty.sandbox_url') . '/status');

        return response()->json(['status' => $response->status()]);
    }

    /** Links shown on the internal "integrations" admin page. */
    public function links(): JsonResponse
    {
        return response()->json([
            'dashboard' => 'https://my.mufi.app',
            'docs' => 'https://docs.mufi.app',
            'mock' => config('services.mufi.mock_url'),
            'devServer' => 'http://127.0.0.1:8000',
            'mailpit' => 'http://mailpit.localhost:8025',
            'svgNs' => 'http://www.w3.org/2000/svg',
        ]);
    }
}
