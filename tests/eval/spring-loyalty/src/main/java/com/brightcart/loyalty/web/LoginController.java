package com.brightcart.loyalty.web;

import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
public class LoginController {

    @GetMapping("/login")
    public String loginPage(@RequestParam(name = "next", required = false) String next, Model model) {
        model.addAttribute("next", next);
        return "login";
    }

    /** The SSO filter forwards here after a successful login. */
    @GetMapping("/login/complete")
    public String complete(@RequestParam(name = "next", defaultValue = "/dashboard") String next) {
        return "redirect:" + next; // expect: MUFI008
    }

    @GetMapping("/switch-store")
    public String switchStore(@RequestParam String storeId,
                              @RequestParam(defaultValue = "/dashboard") String returnTo,
                              HttpSession session) {
        session.setAttribute("storeId", storeId);
        if (!returnTo.startsWith("/") || returnTo.startsWith("//") || returnTo.contains("\\")) {
            return "redirect:/dashboard";
        }
        return "redirect:" + returnTo;
    }

    /** Member links from the 2021 newsletter. */
    @GetMapping("/members/{memberId}")
    public String legacyMemberUrl(@PathVariable long memberId) {
        return "redirect:/dashboard/members/" + memberId;
    }

    @PostMapping("/logout/done")
    public String loggedOut() {
        return "redirect:/login?logout";
    }
}
