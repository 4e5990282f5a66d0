// Markdown from people, rendered safely: raw HTML is not rendered (react-markdown
// escapes it without rehype-raw) and link targets pass its URL sanitizer, which
// drops `javascript:` and other unsafe schemes.
import ReactMarkdown from "react-markdown";
import remarkGfm from "remark-gfm";

export function Markdown({ children, className = "" }: { children: string; className?: string }) {
  return (
    <div className={`prose-conn text-sm break-words ${className}`}>
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        skipHtml
        components={{
          a: ({ href, children }) => (
            <a href={href} target="_blank" rel="noopener noreferrer nofollow" className="text-sky-700 underline dark:text-sky-400">
              {children}
            </a>
          ),
          img: ({ alt }) => <span>[image: {alt}]</span>,
          // A table keeps its columns: on a narrow screen it scrolls sideways on its own, the page does not.
          table: ({ children }) => (
            <div className="max-w-full overflow-x-auto">
              <table>{children}</table>
            </div>
          ),
        }}
      >
        {children}
      </ReactMarkdown>
    </div>
  );
}
