import { useEffect, useState } from "react";

const STATUS_URL = "http://status.acme-shop.com/api/v2/status.json";

export default function StatusBanner() {
  const [message, setMessage] = useState("");

  useEffect(() => {
    fetch(STATUS_URL)
      .then((res) => res.json())
      .then((s: { status: { description: string } }) => setMessage(s.status.description))
      .catch(() => setMessage(""));
  }, []);

  return message ? <p className="banner">{message}</p> : null;
}
