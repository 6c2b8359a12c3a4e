import { defineConfig, loadEnv } from 'vite';
import react from '@vitejs/plugin-react';

// https://vitejs.dev/config/
export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, process.cwd(), '');

  return {
    plugins: [react()],
    server: {
      port: 5173,
      proxy: {
        // our own backend in development
        '/api': {
          target: env.SHOP_API_URL || 'http://localhost:8787',
          changeOrigin: true,
        },
        // dev-only proxy so local experiments can hit Mufi without CORS
        // trouble; the key is added here, on the dev server, not in the bundle
        '/mufi': {
          target: 'https://dev.api.mufi.app',
          changeOrigin: true,
          rewrite: (path) => path.replace(/^\/mufi/, ''),
          headers: { Authorization: `Bearer ${env.MUFI_API_KEY ?? ''}` },
        },
      },
    },
    preview: {
      port: 4173,
      host: '0.0.0.0',
    },
    build: {
      sourcemap: mode !== 'production',
      target: 'es2020',
    },
  };
});
