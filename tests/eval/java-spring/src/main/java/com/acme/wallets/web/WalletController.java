package com.acme.wallets.web;

import java.net.URI;
import java.security.Principal;
import java.util.Map;

import com.acme.wallets.mufi.MufiClient;
import com.acme.wallets.mufi.WalletService;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Back-office wallet endpoints. The browser only ever talks to this controller;
 * Mufi is called server-side by {@link WalletService}.
 *
 * <pre>
 * curl -X POST http://localhost:8080/api/wallets -H 'Content-Type: application/json' -d '{"email":"a@b.c"}'
 * </pre>
 */
@RestController
@RequestMapping("/api/wallets")
public class WalletController {

    record OpenWalletRequest(String email) {}

    private final WalletService wallets;
    private final MufiClient mufi;

    public WalletController(WalletService wallets, MufiClient mufi) {
        this.wallets = wallets;
        this.mufi = mufi;
    }

    @PostMapping
    public ResponseEntity<Map<String, String>> open(@RequestBody OpenWalletRequest body, Principal operator) {
        var user = wallets.openWallet(body.email(), operator.getName());
        return ResponseEntity.created(URI.create("/api/wallets/" + user.id()))
                .body(Map.of("id", user.id(), "address", user.wallet().address()));
    }

    @GetMapping("/{id}")
    public ResponseEntity<MufiClient.MufiUser> show(@PathVariable String id) {
        var user = mufi.profile(id);
        return user == null ? ResponseEntity.notFound().build() : ResponseEntity.ok(user);
    }

    @GetMapping("/meta")
    public Map<String, String> meta() {
        return Map.of(
                "docs", "https://docs.mufi.app/api",
                "dashboard", "https://my.mufi.app",
                "schema", "http://json-schema.org/draft-07/schema#",
                "devServer", "http://127.0.0.1:8080",
                "sandbox", "http://example.com/sandbox/wallets",
                "statusPage", "http://status.acme-retail.com"); // expect: MUFI003
    }

    @GetMapping("/health/mufi")
    public Map<String, Object> mufiHealth() throws Exception {
        return Map.of("version", mufi.version(), "staging", wallets.checkStagingHealth());
    }
}
