/**
 * Notebook helpers: display of tables, charts, HTML and Markdown, recorded results, progress lines and
 * output silencing, so that notebooks never call a Jupyter kernel's API directly.
 *
 * <p>{@link io.robustrec.notebook.Notebook} is the entry point. It detects the running Java kernel at run time
 * (rapaio-jupyter-kernel, IJava or JJava) through reflection only, and outside a kernel writes PNG/HTML files
 * to a directory instead. {@link io.robustrec.notebook.Charts} builds the XChart charts the tutorial uses, and
 * {@link io.robustrec.notebook.RecordedResults} reads back the numbers a notebook recorded.
 */
package io.robustrec.notebook;
