// Markdown from people, rendered safely: raw HTML is shown as the text it is (a
// pasted `<div>` or log line stays visible, never rendered, never silently
// dropped) and link targets pass react-markdown's URL sanitizer, which drops
// `javascript:` and other unsafe schemes.
import ReactMarkdown from "react-markdown";
import remarkGfm from "remark-gfm";

interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
}

/** A remark plugin: every raw HTML node becomes text (a block of it, a paragraph of text). */
function remarkHtmlAsText() {
  const walk = (node: MdNode, block: boolean) => {
    node.children = node.children?.map((child) => {
      if (child.type !== "html") {
        walk(child, child.type === "blockquote" || child.type === "listItem");
        return child;
      }
      const text = { type: "text", value: child.value ?? "" };
      return block ? { type: "paragraph", children: [text] } : text;
    });
  };
  return (tree: MdNode) => walk(tree, true);
}

export function Markdown({ children, className = "" }: { children: string; className?: string }) {
  return (
    <div className={`prose-conn text-sm break-words ${className}`}>
      <ReactMarkdown
        remarkPlugins={[remarkGfm, remarkHtmlAsText]}
        components={{
          a: ({ href, children }) => (
            <a href={href} target="_blank" rel="noopener noreferrer nofollow" className="text-sky-700 underline dark:text-sky-400">
              {children}
            </a>
          ),
          img: ({ alt }) => <span>[image: {alt}]</span>,
          // A table keeps its columns: on a narrow screen it scrolls sideways on its own, the page does not.
          // What scrolls takes focus, so a keyboard can scroll it too.
          table: ({ children }) => (
            <div className="max-w-full overflow-x-auto" tabIndex={0} role="region" aria-label="Table">
              <table>{children}</table>
            </div>
          ),
          pre: ({ children }) => <pre tabIndex={0}>{children}</pre>,
        }}
      >
        {children}
      </ReactMarkdown>
    </div>
  );
}
