"""Handing in to the authority and hearing back: a setting's evaluation copied into the
authority's inbox folder (`submission`), an officer's written feedback and validation in a file
of their own beside it (`feedback`), what the inbox holds (`inbox`), and the feedback a setting
has received on what it handed in (`received`). The shared folder is the only server: each
file has one writer, so a school and its officers never write the same file."""
