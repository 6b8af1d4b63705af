import { Link, Text } from "@react-email/components";
import { Layout, paragraph } from "../templates/layout";

/** An email whose body is the provider's own text: paragraphs split at blank lines, a paragraph that is only a link made a link. */
export function CustomBody({ title, body }: { title: string; body: string }) {
  const paragraphs = body.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  return (
    <Layout preview={title} title={title}>
      {paragraphs.map((p, i) =>
        /^https?:\/\/\S+$/.test(p) ? (
          <Text key={i} style={paragraph}>
            <Link href={p}>{p}</Link>
          </Text>
        ) : (
          <Text key={i} style={{ ...paragraph, whiteSpace: "pre-line" }}>
            {p}
          </Text>
        ),
      )}
    </Layout>
  );
}
