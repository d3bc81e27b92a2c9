# Sphinx configuration of the bitbucket.cloud docs site (`make docs`).
# Started from `antsibull-docs sphinx-init --use-current bitbucket.cloud` (antsibull-docs 2.28.0);
# changes: the project's names, myst-parser for the guides taken from README.md, and no
# intersphinx (the build runs offline; the collection docs link to nothing outside).

project = 'bitbucket.cloud'
copyright = 'bitbucket.cloud contributors'

title = 'bitbucket.cloud: Bitbucket Cloud as code'
html_short_title = 'bitbucket.cloud'
html_title = 'bitbucket.cloud documentation'

extensions = ['sphinx_antsibull_ext', 'myst_parser']

# The guides are sections of README.md included with `.. include:: :parser: myst_parser.sphinx_`.
source_suffix = {'.rst': 'restructuredtext'}
myst_heading_anchors = 3
# The README's sections start at "##": that is the page title here.
suppress_warnings = ['myst.header']

pygments_style = 'ansible'

highlight_language = 'YAML+Jinja'

html_theme = 'sphinx_ansible_theme'
html_show_sphinx = False

display_version = False

html_use_smartypants = True
html_use_modindex = False
html_use_index = False
html_copy_source = False

default_role = 'any'

nitpicky = True

html_theme_options = {
    'collapse_navigation': False,
    'display_version': False,
}

# `make docs` copies README.md, the role's README and the example spec here for the guides.
exclude_patterns = ['_include']
