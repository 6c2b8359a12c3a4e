<?php

namespace App\Http\Controllers\Auth;

use App\Http\Controllers\Controller;
use Illuminate\Http\RedirectResponse;
use Illuminate\Http\Request;
use Illuminate\Support\Facades\Auth;
use Illuminate\Validation\ValidationException;

class LoginController extends Controller
{
    public function store(Request $request): RedirectResponse
    {
        $credentials = $request->validate([
            'email' => ['required', 'email'],
            'password' => ['required', 'string'],
        ]);

        if (! Auth::attempt($credentials, $request->boolean('remember'))) {
            throw ValidationException::withMessages([
                'email' => __('auth.failed'),
            ]);
        }

        $request->session()->regenerate();

        return redirect()->intended(route('dashboard'));
    }

    public function destroy(Request $request): RedirectResponse
    {
        Auth::guard('web')->logout();

        $request->session()->invalidate();
        $request->session()->regenerateToken();

        return redirect($request->query('redirect', '/')); // expect: MUFI008
    }

    /**
     * Partners send members back with ?return_url=...; only their registered hosts are accepted.
     */
    public function partnerReturn(Request $request): RedirectResponse
    {
        $target = (string) $request->input('return_url');
        $host = parse_url($target, PHP_URL_HOST);
        $scheme = parse_url($target, PHP_URL_SCHEME);

        if ($scheme !== 'https' || ! in_array($host, config('loyalty.partner_hosts'), true)) {
            return redirect()->route('dashboard');
        }

        return redirect()->away($target);
    }

    public function leave(Request $request): RedirectResponse
    {
        activity()->causedBy($request->user())->log('left to partner site');

        return redirect()->away($request->input('url')); // expect: MUFI008
    }
}
