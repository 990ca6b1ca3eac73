/** POSTs a JSON body to the function with `Authorization: Bearer <token>` (when given). */
export function postReport(url: string, body: unknown, token?: string): Promise<Response> {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    origin: "https://app.example",
  };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  return fetch(url, {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

export interface ErrorBody {
  error: { code: string; message: string };
}
