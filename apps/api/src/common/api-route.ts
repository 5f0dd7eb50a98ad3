import { applyDecorators, Delete, Get, HttpCode, Patch, Post, Put, SetMetadata, UsePipes, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { z } from 'zod';
import { ROUTES, type HttpMethod, type RouteAuth, type RouteName } from '@app/contracts';
import { Public, RequireRole } from './auth-user';
import { parseOrThrow } from './zod.pipe';

export const ROUTE_NAME = 'apiRoute';
/** The route's `auth` from the map, for the policy that enforces meeting and endpoint capabilities. */
export const ROUTE_AUTH = 'apiRouteAuth';

const METHODS: Record<HttpMethod, (path: string) => MethodDecorator> = { GET: Get, POST: Post, PUT: Put, PATCH: Patch, DELETE: Delete };

/**
 * Validates a handler's @Param(name), @Query() and @Body() with the route's schemas
 * from the map (custom decorators such as @CurrentUser, @Req and @Res pass through).
 */
export class RoutePipe implements PipeTransform {
  constructor(private readonly name: RouteName) {}

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const route = ROUTES[this.name] as { params?: z.ZodObject; query?: z.ZodObject; body?: z.ZodType };
    switch (metadata.type) {
      case 'param': {
        if (!route.params) return value;
        if (metadata.data === undefined) return parseOrThrow(route.params, value);
        const field = route.params.shape[metadata.data] as z.ZodType | undefined;
        if (!field) throw new Error(`route ${this.name} declares no path parameter ${metadata.data}`);
        // parsed as { name: value }, so a 400 names the parameter
        return (parseOrThrow(z.object({ [metadata.data]: field }), { [metadata.data]: value }) as Record<string, unknown>)[metadata.data];
      }
      case 'query':
        if (!route.query) return value;
        if (metadata.data !== undefined) throw new Error(`route ${this.name}: read the whole @Query(), validated by the map's schema`);
        return parseOrThrow(route.query, value);
      case 'body':
        if (!route.body) return value;
        if (metadata.data !== undefined) throw new Error(`route ${this.name}: read the whole @Body(), validated by the map's schema`);
        return parseOrThrow(route.body, value);
      default:
        return value;
    }
  }
}

function authDecorators(auth: RouteAuth): MethodDecorator[] {
  if (auth === 'public') return [Public()];
  if (typeof auth === 'object' && 'roles' in auth) return [RequireRole(...auth.roles)];
  return [];
}

/**
 * Binds a controller method to its entry of the route map: the HTTP method and path,
 * the success status, validation of params, query and body, the public/roles rule,
 * and the operation's name. The controller's own @Controller() carries no path.
 */
export function ApiRoute(name: RouteName) {
  const route = ROUTES[name];
  return applyDecorators(
    METHODS[route.method](route.path.replace(/^\/api\//, '')),
    HttpCode(route.status),
    UsePipes(new RoutePipe(name)),
    SetMetadata(ROUTE_NAME, name),
    SetMetadata(ROUTE_AUTH, route.auth),
    ApiOperation({ operationId: name, summary: route.summary }),
    ...authDecorators(route.auth),
  );
}
