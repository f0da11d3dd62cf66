import { CsrfField } from "@/components/csrf";
import { listUsers } from "@/lib/auth";
import { requirePageUser } from "@/lib/auth/request";
import { getDb } from "@/lib/db";
import { formatTimestamp } from "@/lib/format";
import { createUserAction, updateUserAction } from "./actions";

export const dynamic = "force-dynamic";

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { user: me } = await requirePageUser("admin");
  const params = await searchParams;
  const users = await listUsers({ ctx: { db: getDb() } });
  const now = new Date();
  return (
    <>
      <section className="panel">
        <h1>Users</h1>
        {typeof params.ok === "string" && (
          <p className="status-ok" role="status" data-testid="users-ok">
            {params.ok}
          </p>
        )}
        {typeof params.error === "string" && (
          <p className="error-text" role="alert" data-testid="users-error">
            {params.error}
          </p>
        )}
        <table data-testid="users-table">
          <thead>
            <tr>
              <th>Email</th>
              <th>Name</th>
              <th>Role</th>
              <th>State</th>
              <th>Created</th>
              <th>Reset password</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} data-testid="user-row" data-email={u.email}>
                <td>{u.email}</td>
                <td>{u.name}</td>
                <td>
                  <form action={updateUserAction} className="inline-form">
                    <CsrfField />
                    <input type="hidden" name="change" value="role" />
                    <input type="hidden" name="userId" value={u.id} />
                    <select name="role" defaultValue={u.role} disabled={u.id === me.id} aria-label={`Role of ${u.email}`}>
                      <option value="viewer">viewer</option>
                      <option value="operator">operator</option>
                      <option value="admin">admin</option>
                    </select>
                    {u.id !== me.id && <button type="submit">Set</button>}
                  </form>
                </td>
                <td>
                  {u.disabled ? "disabled" : "active"}{" "}
                  {u.id !== me.id && (
                    <form action={updateUserAction} className="inline-form">
                      <CsrfField />
                      <input type="hidden" name="change" value="disabled" />
                      <input type="hidden" name="userId" value={u.id} />
                      <input type="hidden" name="disabled" value={u.disabled ? "false" : "true"} />
                      <button type="submit">{u.disabled ? "Enable" : "Disable"}</button>
                    </form>
                  )}
                </td>
                <td>{formatTimestamp({ at: u.createdAt, now })}</td>
                <td>
                  <form action={updateUserAction} className="inline-form">
                    <CsrfField />
                    <input type="hidden" name="change" value="password" />
                    <input type="hidden" name="userId" value={u.id} />
                    <input
                      type="password"
                      name="password"
                      minLength={12}
                      maxLength={200}
                      autoComplete="new-password"
                      aria-label={`New password for ${u.email}`}
                      required
                    />
                    <button type="submit">Reset</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel">
        <h2>Add a user</h2>
        <form action={createUserAction} className="filters" data-testid="add-user">
          <CsrfField />
          <label>
            Email
            <input type="email" name="email" required maxLength={200} />
          </label>
          <label>
            Name
            <input name="name" required maxLength={100} />
          </label>
          <label>
            Role
            <select name="role" defaultValue="viewer">
              <option value="viewer">viewer</option>
              <option value="operator">operator</option>
              <option value="admin">admin</option>
            </select>
          </label>
          <label>
            Password
            <input type="password" name="password" minLength={12} maxLength={200} autoComplete="new-password" required />
          </label>
          <button type="submit" className="primary">
            Add
          </button>
        </form>
      </section>
    </>
  );
}
