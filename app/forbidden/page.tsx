import Link from "next/link";
import { requirePageUser } from "@/lib/auth/request";

export const dynamic = "force-dynamic";

export default async function ForbiddenPage() {
  const { user } = await requirePageUser();
  return (
    <section className="panel" data-testid="forbidden">
      <h1>Not allowed</h1>
      <p>Your role ({user.role}) cannot open that page. Ask an administrator if you need more access.</p>
      <p>
        <Link href="/">Back to the fleet</Link>
      </p>
    </section>
  );
}
