import type { FastifyInstance, FastifyRequest } from 'fastify';
import FindMyWay from 'find-my-way';

/**
 * The methods the app has a route for at a request's path, from the route inventory (app.ts): what
 * a 405's Allow header lists. A catch-all registered for every method (`/b/*`, a wrong token's 404)
 * allows nothing by itself.
 */
export function allowedMethodsAt(app: FastifyInstance): (request: FastifyRequest) => string[] {
  let router: FindMyWay.Instance<FindMyWay.HTTPVersion.V1> | undefined;
  let methods: string[] = [];
  return (request) => {
    if (!router) {
      // Built on first use, once every route is registered; the same limits as Fastify's router.
      router = FindMyWay({ maxParamLength: app.initialConfig.maxParamLength ?? 100, ignoreTrailingSlash: false });
      // (An app built without the inventory, as some plugin tests build one, has no 405s.)
      const inventory = app.hasDecorator('routeInventory') ? app.routeInventory : [];
      const routes = inventory.filter(({ url }) => !url.endsWith('*'));
      for (const { method, url } of routes) router.on(method as FindMyWay.HTTPMethod, url, () => undefined);
      methods = [...new Set(routes.map((r) => r.method))];
    }
    const path = request.url.split('?')[0]!;
    return methods.filter((method) => router!.find(method as FindMyWay.HTTPMethod, path) !== null);
  };
}
