import type { INestApplication } from '@nestjs/common';

interface RouteLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** Every route the application answers, as `METHOD /path/:param`, read from the HTTP router itself. */
export function routesOf(api: INestApplication): string[] {
  const express = api.getHttpAdapter().getInstance() as { router: { stack: RouteLayer[] } };
  return express.router.stack
    .filter((layer) => layer.route && !layer.route.path.startsWith('/api/docs'))
    .flatMap((layer) =>
      Object.keys(layer.route!.methods)
        .filter((m) => m !== '_all')
        .map((m) => `${m.toUpperCase()} ${layer.route!.path}`),
    )
    .filter((key) => !key.includes('*'));
}
