package com.brightcart.loyalty.web;

import java.math.BigDecimal;
import java.util.List;

import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.brightcart.loyalty.points.ClaimReceipt;
import com.brightcart.loyalty.points.ClaimRequest;
import com.brightcart.loyalty.points.PointsQuote;
import com.brightcart.loyalty.points.PointsService;
import com.brightcart.loyalty.points.Tier;

/** Endpoints behind the "earn points" widget that partner shops embed. */
@RestController
@RequestMapping("/widget")
public class PartnerWidgetController {

    private final PointsService points;

    public PartnerWidgetController(PointsService points) {
        this.points = points;
    }

    @CrossOrigin // expect: MUFI006
    @GetMapping("/quote")
    public PointsQuote quote(@RequestParam BigDecimal basketTotal, @RequestParam(defaultValue = "EUR") String currency) {
        return points.quote(basketTotal, currency);
    }

    @CrossOrigin(origins = {"https://partners.brightcart.co", "https://partners-eu.brightcart.co"}, allowCredentials = "true")
    @PostMapping("/claims")
    public ClaimReceipt claim(@RequestBody ClaimRequest request) {
        return points.claim(request);
    }

    @CrossOrigin(origins = "*", maxAge = 3600) // expect: MUFI006
    @GetMapping("/tiers")
    public List<Tier> tiers() {
        return points.tiers();
    }
}
