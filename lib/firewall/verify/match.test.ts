import { describe, expect, test } from "vitest";
import { hostOfFileName, matchLiveFiles, type MatchServer } from "./match";

const web1: MatchServer = { id: "1", name: "Web 1", hostname: "web1.example.com", ipv4: "192.0.2.1", ipv6: "" };
const mail: MatchServer = { id: "2", name: "Mail", hostname: "", ipv4: "192.0.2.2", ipv6: "2001:db8::2" };
const bare: MatchServer = { id: "3", name: "Bare Metal", hostname: "", ipv4: "", ipv6: "" };
const servers = [web1, mail, bare];
const server = (fileName: string, host: string | null = null) => {
  const [m] = matchLiveFiles([{ fileName, host }], servers);
  return m!.server?.name ?? m!.problem;
};

describe("which server a live file is for", () => {
  test("named as the Ansible play names it: the inventory host (host name, else address, else the name's slug)", () => {
    expect(server("web1.example.com.txt")).toBe("Web 1");
    expect(server("live/192.0.2.2.txt")).toBe("Mail");
    expect(server("2001:db8::2.txt")).toBe("Mail");
    expect(server("bare-metal.txt")).toBe("Bare Metal");
  });

  test("named as verify.sh names it, or by the host its header records", () => {
    expect(hostOfFileName("portcullis-live-web1.example.com-20261203T101500Z.txt")).toBe("web1.example.com");
    expect(server("portcullis-live-WEB1.example.com-20261203T101500Z.txt")).toBe("Web 1");
    expect(server("whatever.txt", "web1.example.com")).toBe("Web 1");
    expect(matchLiveFiles([{ fileName: "whatever.txt", host: "web1.example.com" }], servers)[0]!.via).toBe("host in the file");
  });

  test("a file that fits no server, or several, is not matched, and says why", () => {
    expect(server("web9.txt", "web9.example.com")).toBe('No server here has the host name, address or name "web9" (from the file name) or "web9.example.com" (the host in the file).');
    const twin = { ...web1, id: "4", name: "Web 1 copy" };
    expect(matchLiveFiles([{ fileName: "web1.example.com.txt", host: null }], [web1, twin])[0]!.problem).toBe("The file name fits several servers (Web 1, Web 1 copy): name it after one server's host name or address.");
  });

  test("two files for one server: neither is used", () => {
    const result = matchLiveFiles([{ fileName: "web1.example.com.txt", host: null }, { fileName: "192.0.2.1.txt", host: null }, { fileName: "bare-metal.txt", host: null }], servers);
    expect(result.map((m) => m.server?.name ?? null)).toEqual([null, null, "Bare Metal"]);
    expect(result[0]!.problem).toBe("web1.example.com.txt, 192.0.2.1.txt are for the same server, Web 1: upload one file per server.");
  });
});
