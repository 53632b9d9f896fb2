import { hash, verify } from "@node-rs/argon2";

// argon2id with the library's defaults (memory-hard); verify() reads the parameters from the hash.
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against a real hash when the user does not exist keeps sign-in timing the same
// for unknown usernames and wrong passwords.
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hash("decoy-password-never-used");
  return decoyHash;
}
