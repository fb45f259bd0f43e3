"""What Decree 30/2020/NĐ-CP fixes about an administrative document, in one place.

Pure Python (no Plone): the plan page, the print layout, the PDF and the .docx
export all take the motto, the number line, the place and date line, the section
numbering, the signature block, the recipients and the appendix heading from here.
"""
