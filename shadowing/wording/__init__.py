"""Every sentence and label of the kit, in English and Dutch, made from the facts analyses return."""
