// bcrypt (bcryptjs: pure JS, nothing native to build) for admin passwords.
import bcrypt from "bcryptjs";

const COST = 11;

export function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, COST);
}

export function verifyPassword(plain: string, hash: string | null | undefined): Promise<boolean> {
  // Compare against a fixed hash when the user has none, so timing does not reveal which emails exist.
  return bcrypt.compare(plain, hash ?? "$2b$11$C6UzMDM.H6dfI/f/IKcEeO7ouB1.IqJ9c0wD3zqM3hZVqG8x0vYyW");
}
