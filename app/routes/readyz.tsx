import { checkReadiness } from "#app/models/readiness.server";

// Ready to take traffic: unlike /healthz, this asks the database, so a load balancer keeps a
// process out of rotation until its migrations are in place.
export async function loader() {
  const readiness = await checkReadiness();
  return new Response(readiness.ready ? "ok" : readiness.reason, {
    status: readiness.ready ? 200 : 503,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}
