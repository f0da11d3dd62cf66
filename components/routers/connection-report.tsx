import type { TestConnectionAnswer } from "./form-state";

/** What "Test connection" found: version, identity, discovered WANs and warnings, or the router's error. */
export function ConnectionReportView({ answer }: { answer: TestConnectionAnswer }) {
  if (!answer.ok) {
    return (
      <div className="status-bad" role="alert" data-testid="test-result" data-ok="false" data-code={answer.code}>
        Connection failed ({answer.code.replace("_", " ")}): {answer.message}
      </div>
    );
  }
  return (
    <div data-testid="test-result" data-ok="true" role="status">
      <p className="status-ok">Connected.</p>
      <dl className="small">
        <dt>RouterOS version</dt>
        <dd data-testid="test-version">
          {answer.version} ({answer.routing})
        </dd>
        <dt>Identity</dt>
        <dd data-testid="test-identity">{answer.identity}</dd>
        {answer.boardName && (
          <>
            <dt>Board</dt>
            <dd>{answer.boardName}</dd>
          </>
        )}
        <dt>Balancing</dt>
        <dd>{answer.balancingMethod}</dd>
      </dl>
      {answer.wans.length === 0 ? (
        <p className="status-bad">No WAN was discovered.</p>
      ) : (
        <table data-testid="test-wans">
          <thead>
            <tr>
              <th>WAN</th>
              <th>Interface</th>
              <th>Address list</th>
              <th>Gateway</th>
              <th>Expected share</th>
            </tr>
          </thead>
          <tbody>
            {answer.wans.map((w) => (
              <tr key={w.name} data-testid="test-wan" data-name={w.name}>
                <td>{w.name}</td>
                <td>{w.interface ?? "—"}</td>
                <td>{w.addressList ?? "—"}</td>
                <td>{w.gateway ?? "—"}</td>
                <td>{Math.round(w.expectedWeight * 100)}%</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {answer.warnings.length > 0 && (
        <ul className="status-bad small" data-testid="test-warnings">
          {answer.warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
