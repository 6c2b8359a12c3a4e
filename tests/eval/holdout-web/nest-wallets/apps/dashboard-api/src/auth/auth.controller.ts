import { Controller, Get, Post, Query, Redirect, Res, UseGuards, Body, HttpCode } from '@nestjs/common';
import type { Response } from 'express';

import { AuthService } from './auth.service';
import { SessionGuard } from './session.guard';
import { LoginDto } from './dto/login.dto';

const RETURN_SECTIONS = ['/wallets', '/events', '/products', '/settings'];

@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Get('login')
  @Redirect('/auth/sso', 302)
  login() {}

  @Post('login')
  @HttpCode(204)
  async passwordLogin(@Body() dto: LoginDto, @Res({ passthrough: true }) res: Response) {
    const session = await this.auth.loginWithPassword(dto.email, dto.password);
    res.cookie('sid', session.id, { httpOnly: true, secure: true, sameSite: 'lax' });
  }

  @Get('callback')
  async callback(@Query('code') code: string, @Query('state') state: string, @Res() res: Response) {
    const session = await this.auth.completeSso(code, state);
    res.cookie('sid', session.id, { httpOnly: true, secure: true, sameSite: 'lax' });
    return res.redirect('/wallets');
  }

  @Get('logout')
  logout(@Query('returnUrl') returnUrl: string, @Res() res: Response) {
    res.clearCookie('sid');
    return res.redirect(returnUrl || '/'); // expect: MUFI008
  }

  @UseGuards(SessionGuard)
  @Get('switch-org')
  async switchOrg(@Query('orgId') orgId: string, @Query('next') next: string | undefined, @Res() res: Response) {
    await this.auth.assertMembership(orgId);
    const target =
      next && RETURN_SECTIONS.some((section) => next === section || next.startsWith(`${section}/`))
        ? next
        : '/wallets';
    res.cookie('org', orgId, { httpOnly: true, secure: true, sameSite: 'lax' });
    return res.redirect(target);
  }
}
