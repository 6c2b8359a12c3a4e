import { NextResponse } from 'next/server';
import { getStockLevels } from '@/lib/catalog.server';

export const revalidate = 60;

// Read by the comparison sites' browser widgets.
const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*', // expect: MUFI006
  'Access-Control-Allow-Methods': 'GET, OPTIONS',
  'Access-Control-Max-Age': '86400',
};

export async function GET() {
  const stock = await getStockLevels();
  return NextResponse.json(stock, { headers: { ...CORS_HEADERS, 'Cache-Control': 'public, s-maxage=60' } });
}

export function OPTIONS() {
  return new NextResponse(null, { status: 204, headers: CORS_HEADERS });
}
