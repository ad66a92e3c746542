// Recognizing @elastic/elasticsearch errors by shape, so modules that only need to classify an
// error do not load the client library (it is heavy; the MCP server starts without it).
export interface EsResponseErrorLike {
  name: 'ResponseError';
  statusCode: number;
  body?: unknown;
  message: string;
}

export function isResponseError(e: unknown): e is EsResponseErrorLike {
  return e instanceof Error && e.name === 'ResponseError' && typeof (e as { statusCode?: unknown }).statusCode === 'number';
}

export function responseStatus(e: unknown): number | undefined {
  return isResponseError(e) ? e.statusCode : undefined;
}

export function isConnectionError(e: unknown): e is Error {
  return e instanceof Error && ['ConnectionError', 'TimeoutError', 'NoLivingConnectionsError'].includes(e.name);
}
