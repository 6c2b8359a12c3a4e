import { ValidationPipe } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';

import { DashboardApiModule } from './dashboard-api.module';

async function bootstrap() {
  const app = await NestFactory.create(DashboardApiModule);
  const config = app.get(ConfigService);
  const isProduction = config.get('NODE_ENV') === 'production';

  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          // the hash covers Swagger UI's bootstrap snippet; 'unsafe-inline' is ignored next to it
          scriptSrc: ["'self'", "'sha256-Yl0r8n2Qz3kq1c3Ue5wq7JH3Vx0d5pZ3mS1m8mM0kYc='", "'unsafe-inline'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'https://validator.swagger.io'],
          frameAncestors: ["'none'"],
        },
      },
    }),
  );
  app.use(cookieParser());

  const origins = config.getOrThrow<string>('CORS_ORIGINS').split(',');
  if (!isProduction) {
    origins.push('http://localhost:4200');
  }
  app.enableCors({
    origin: origins,
    credentials: true,
    methods: ['GET', 'POST', 'PATCH', 'DELETE'],
  });

  app.useGlobalPipes(new ValidationPipe({ whitelist: true, transform: true }));

  if (!isProduction) {
    const doc = new DocumentBuilder().setTitle('Dashboard API').addCookieAuth('sid').build();
    SwaggerModule.setup('docs', app, SwaggerModule.createDocument(app, doc));
  }

  await app.listen(config.get<number>('PORT', 3000));
}

void bootstrap();
