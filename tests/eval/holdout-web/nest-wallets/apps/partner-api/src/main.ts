import { Logger, ValidationPipe, VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { PartnerApiModule } from './partner-api.module';

async function bootstrap() {
  const app = await NestFactory.create(PartnerApiModule, { bufferLogs: true });

  app.setGlobalPrefix('partner');
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, transform: true }));

  // Partners call this API server-to-server, but a few prototype from the browser first.
  app.enableCors(); // expect: MUFI006

  app.enableShutdownHooks();
  const port = Number(process.env.PORT ?? 3001);
  await app.listen(port);
  Logger.log(`partner-api listening on ${port}`, 'Bootstrap');
}

void bootstrap();
