// Reading FormData fields without trusting their types.
export function field(form: FormData, name: string): string {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
}

export function jsonField(form: FormData, name: string): unknown {
  try {
    return JSON.parse(field(form, name) || "null");
  } catch {
    return null;
  }
}
