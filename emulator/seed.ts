/** Fixed demo data. Values are part of the emulator's contract (README, e2e tests). */
export const SEED = {
  credentials: [
    {
      level: "write",
      consumerKey: "emu-demo-consumer",
      consumerSecret: "emu-demo-consumer-secret",
      accessToken: "emu-demo-access-token",
      accessSecret: "emu-demo-access-secret",
      userId: "17488",
    },
    {
      level: "super",
      consumerKey: "emu-super-consumer",
      consumerSecret: "emu-super-consumer-secret",
      accessToken: "emu-super-access-token",
      accessSecret: "emu-super-access-secret",
      userId: "17488",
    },
    {
      level: "read",
      consumerKey: "emu-read-consumer",
      consumerSecret: "emu-read-consumer-secret",
      accessToken: "emu-read-access-token",
      accessSecret: "emu-read-access-secret",
      userId: "17488",
    },
  ],
  site: { site_id: "1", site_name: "Emulated TwentyThree", product_key: "emu-product-key-0001" },
  albums: [
    { album_id: "1001", title: "Testimonials" },
    { album_id: "1002", title: "Team media" },
    { album_id: "1003", title: "Events" },
  ],
  // consent_text and consent_sha256: the site declares them so the portal can write the agreed consent onto the object (#17).
  customVariables: ["customer_id", "campaign", "consent_text", "consent_sha256"],
  users: [
    { user_id: "17488", username: "owner" },
    { user_id: "17489", username: "editor" },
  ],
};
