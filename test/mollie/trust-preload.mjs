// Preloaded (NODE_OPTIONS=--import) into a `groupz serve` the system tests start against the Mollie
// stand-in: trusts the stand-in's test CA (GROUPZ_TEST_MOLLIE_CA, PEM) for GROUPZ_MOLLIE_API_URL's
// address only. See trust.ts for why; certificate and host name checks stay on.
import tls from 'node:tls';

const ca = process.env.GROUPZ_TEST_MOLLIE_CA;
const apiUrl = process.env.GROUPZ_MOLLIE_API_URL;
if (ca && apiUrl) {
  const host = new URL(apiUrl).host;
  const connect = tls.connect;
  tls.connect = function connectTrustingStandIn(...args) {
    const options = args.find((arg) => typeof arg === 'object' && arg !== null);
    if (options && `${options.host ?? 'localhost'}:${options.port ?? 443}` === host) options.ca = ca;
    return connect.apply(this, args);
  };
}
