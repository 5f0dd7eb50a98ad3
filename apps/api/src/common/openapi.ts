import { z, type ZodType } from 'zod';
import { ROUTES, apiErrorSchema, isFileResponse, type RouteDef, type RouteName } from '@app/contracts';

type JsonSchema = Record<string, unknown>;

const toJson = (schema: ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _, ...json } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return json;
};

const ERROR = { $ref: '#/components/schemas/ApiError' };
const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ERROR } } });

function parameters(route: RouteDef) {
  const out: object[] = [];
  for (const [where, schema] of [['path', route.params], ['query', route.query]] as const) {
    if (!schema) continue;
    const json = toJson(schema, 'input') as { properties?: Record<string, JsonSchema & { description?: string }>; required?: string[] };
    for (const [name, s] of Object.entries(json.properties ?? {})) {
      out.push({ name, in: where, required: where === 'path' || (json.required?.includes(name) ?? false), schema: s, ...(s.description ? { description: s.description } : {}) });
    }
  }
  return out;
}

function responses(route: RouteDef) {
  const ok = route.response;
  const success = isFileResponse(ok)
    ? { description: `a file (${ok.file})`, content: { [ok.file]: { schema: { type: 'string', format: 'binary' } } } }
    : ok === null
      ? { description: 'done, no content' }
      : { description: 'success', content: { 'application/json': { schema: toJson(ok, 'output') } } };
  const result: Record<string, object> = { [route.status]: success };
  for (const status of route.alsoAnswers ?? []) result[status] = isFileResponse(ok) || ok === null ? { description: 'see the summary' } : { description: 'see the summary', content: { 'application/json': { schema: toJson(ok, 'output') } } };
  result['400'] = errorResponse('invalid input: code validation_failed (or invalid_json) with the bad fields');
  if (route.auth !== 'public') {
    result['401'] = errorResponse('no valid access token');
    result['403'] = errorResponse('the caller may not do this (see x-auth)');
  }
  if (route.params) result['404'] = errorResponse('nothing found at this address');
  if (route.method !== 'GET') result['409'] = errorResponse('the current state does not allow it (stale version, closed queue, published minutes ...)');
  result['429'] = errorResponse('too many requests (Retry-After says when to try again)');
  result['500'] = errorResponse('a fault on the server; quote the correlation id');
  return result;
}

/**
 * The OpenAPI document, generated from the route map in libs/contracts (the same
 * schemas that validate requests and that the tests check responses against).
 */
export function buildOpenApiDocument() {
  const paths: Record<string, Record<string, object>> = {};
  const tags = new Set<string>();
  for (const [name, def] of Object.entries(ROUTES) as [RouteName, RouteDef][]) {
    tags.add(def.tag);
    const path = def.path.replace(/:([A-Za-z]+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][def.method.toLowerCase()] = {
      operationId: name,
      summary: def.summary,
      tags: [def.tag],
      security: def.auth === 'public' ? [] : [{ bearer: [] }],
      'x-auth': def.auth,
      parameters: parameters(def),
      ...(def.body ? { requestBody: { required: true, content: { 'application/json': { schema: toJson(def.body, 'input') } } } } : {}),
      responses: responses(def),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Họp trực tuyến — meeting coordination API',
      description:
        'REST API of the platform, generated from the route map in libs/contracts/src/routes.ts. Real-time traffic goes over Socket.IO; see libs/contracts for its events. `x-auth` names who may call a route: public, signed_in, roles, or a meeting / endpoint capability of libs/contracts/src/policy.ts.',
      version: '0.1.0',
    },
    tags: [...tags].map((name) => ({ name })),
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { ApiError: toJson(apiErrorSchema, 'output') },
    },
  };
}
