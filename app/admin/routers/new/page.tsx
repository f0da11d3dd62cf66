import Link from "next/link";
import { RouterForm } from "@/components/routers/router-form";
import { requirePageUser } from "@/lib/auth/request";
import { createRouterAction, testConnectionAction } from "../actions";

export const dynamic = "force-dynamic";

export default async function NewRouterPage() {
  await requirePageUser("admin");
  return (
    <section className="panel">
      <p className="small">
        <Link href="/admin/routers">← Routers</Link>
      </p>
      <h1>Add a router</h1>
      <p className="muted">
        WANscope logs in with these settings, discovers the WANs from the router&apos;s mangle rules and starts polling it. Test the
        connection first to see what it finds.
      </p>
      <RouterForm
        defaults={{
          name: "",
          host: "",
          port: "",
          tlsMode: "none",
          tlsCaPem: "",
          tlsFingerprint: "",
          username: "",
          pollIntervalSec: "10",
          site: "",
          tags: "",
          enabled: true,
        }}
        save={createRouterAction}
        test={testConnectionAction}
        hasStoredPassword={false}
      />
    </section>
  );
}
